"""REFI-QDA exchange: export, import, round trips and hostile files."""
