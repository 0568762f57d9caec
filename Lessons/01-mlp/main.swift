print("mlp: under construction")
