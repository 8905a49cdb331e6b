"""Helpers every capability's views share: role decorators, shared forms, safe redirects, navigation."""
