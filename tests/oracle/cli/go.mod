module cozypkg.test/oracle/cli

go 1.23

require (
	github.com/spf13/cobra v1.10.1
	github.com/spf13/pflag v1.0.10
)

require (
	cozypkg.test/oracle/vecio v0.0.0
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
)

replace cozypkg.test/oracle/vecio => ../vecio
