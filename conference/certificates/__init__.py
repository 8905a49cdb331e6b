"""Certificates (giấy khen, giấy chứng nhận) and the draft commendation decision (quyết định khen thưởng)."""
