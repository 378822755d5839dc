// Wrapper module for the loopback chart-repo server; built by tests/cluster/build.
module cozypkg.test/cluster/chartrepo

go 1.25.0
