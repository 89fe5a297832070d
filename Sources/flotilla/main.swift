import FlotillaCLI

Flotilla.main()
