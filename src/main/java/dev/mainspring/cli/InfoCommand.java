package dev.mainspring.cli;

import dev.mainspring.backend.cpu.Gemm;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.backend.cpu.VectorSupport;
import dev.mainspring.backend.cuda.KernelImages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print the Java runtime, CPU and CUDA facts that decide how Mainspring runs here.")
final class InfoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Runtime rt = Runtime.getRuntime();
    System.out.printf("mainspring    %s%n", new VersionProvider().getVersion()[0]);
    System.out.printf("java          %s (%s, %s)%n", Runtime.version(),
        System.getProperty("java.vm.name"), System.getProperty("java.home"));
    System.out.printf("cpu cores     %d%n", rt.availableProcessors());
    System.out.printf("max heap      %d MiB%n", rt.maxMemory() >> 20);
    System.out.printf("vector api    %s%n", VectorSupport.describe());
    System.out.printf("cpu gemm      %s kernel, %d threads%n", Gemm.describe(Gemm.defaultPath()),
        Parallel.threads());
    System.out.printf("cuda kernels  %s%n", KernelImages.describe());
    return 0;
  }
}
