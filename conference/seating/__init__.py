"""The hall's seating plan (sơ đồ chỗ ngồi): blocks of rows and seats, the stage, who sits where."""
