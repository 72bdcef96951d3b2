"""Recovery Guide Kiosk: an offline touchscreen guide to addiction care."""

__version__ = "0.1.0"
