// stand-in for the built panel bundle
