"""Browser tests: the site in a real Chromium, served by `mkdocs serve` or built."""
