module cozypkg.test/oracle/bcrypt

go 1.23.0

toolchain go1.23.7

require (
	cozypkg.test/oracle/vecio v0.0.0
	golang.org/x/crypto v0.36.0
)

replace cozypkg.test/oracle/vecio => ../vecio
