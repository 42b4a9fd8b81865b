"""Property-based tests (hypothesis); the profiles are set in tests/conftest.py."""
