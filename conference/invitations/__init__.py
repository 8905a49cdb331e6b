"""Invitations (giấy mời) to guests and exemplars, with their badge QR and seat."""
