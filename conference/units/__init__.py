"""The organizer's units page for a conference: units with their blocks and block deadlines, editing, import."""
