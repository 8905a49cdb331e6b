"""Helpers every capability's views share: role decorators, shared forms, safe redirects, the menu, refused changes
shown as messages, and the security headers of every answer (`headers`)."""
