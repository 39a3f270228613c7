using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. --filter '*Primitive*'; --list flat shows them all.
BenchmarkSwitcher.FromAssembly(typeof(RnnTui.Benchmarks.Workload).Assembly).Run(args);
