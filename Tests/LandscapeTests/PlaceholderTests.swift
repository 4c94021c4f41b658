// Replaced by the landscape tests.
