"""The public honour board: the honoured exemplars' stories, published by the organizer."""
