print("ipai")
