print("gradients: under construction")
