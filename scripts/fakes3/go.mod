// fakes3: a local S3-compatible server (main.go, on github.com/johannesboyne/gofakes3) that the test of shared state
// on two CI runners starts and stops (test/e2e/shared-state.test.ts). Built by scripts/ensure-go-tool.sh fakes3.
module github.com/sendmailos/pulumi-sendmailos/scripts/fakes3

go 1.26.6

require github.com/johannesboyne/gofakes3 v1.2.0

require (
	github.com/ryszard/goskiplist v0.0.0-20150312221310-2dfbae5fcf46 // indirect
	go.shabbyrobe.org/gocovmerge v0.0.0-20230507111327-fa4f82cfbf4d // indirect
	golang.org/x/tools v0.8.0 // indirect
)
