module cozypkg.test/oracle/glob

go 1.23

require (
	cozypkg.test/oracle/vecio v0.0.0
	github.com/gobwas/glob v0.2.3
)

replace cozypkg.test/oracle/vecio => ../vecio
