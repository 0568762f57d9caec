print("hidden-state: under construction")
