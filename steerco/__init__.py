"""steerco: run the governance meeting of a partnership delivery plan from the terminal."""

__version__ = "0.1.0"
