// etcd for the test cluster: the same entry point as etcd's own main
// (go.etcd.io/etcd/server/v3/etcdmain), built from the published module
// so no etcd release binary has to be downloaded.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
