"""The lowest layer: errors, text normalisation, clock, collation, the spreadsheet reader and the xlsx writer.

Nothing here imports Flask-SQLAlchemy, the database or any capability of the app.
"""
