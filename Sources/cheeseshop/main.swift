print("cheeseshop: the server is being built (issue 3)")
