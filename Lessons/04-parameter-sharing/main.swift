print("sharing: under construction")
