module cozypkg.test/oracle/vecio

go 1.23
