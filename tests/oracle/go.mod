module cozypkg.test/oracle

go 1.23

require (
	cozypkg.test/oracle/vecio v0.0.0
	sigs.k8s.io/yaml v1.4.0
)

replace cozypkg.test/oracle/vecio => ./vecio
