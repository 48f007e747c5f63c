"""The version of this client; the wheel built by the project replaces it with the server's."""
__version__ = "0.0.0.dev0"
