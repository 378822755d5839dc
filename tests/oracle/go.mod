module cozypkg.test/oracle

go 1.23
