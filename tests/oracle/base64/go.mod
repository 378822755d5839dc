module cozypkg.test/oracle/base64

go 1.23.0

toolchain go1.23.7

require cozypkg.test/oracle/vecio v0.0.0

replace cozypkg.test/oracle/vecio => ../vecio
