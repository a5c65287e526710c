package dev.mainspring.cli;

import dev.mainspring.backend.cpu.Gemm;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.backend.cpu.VectorSupport;
import dev.mainspring.backend.cuda.CudaDeviceInfo;
import dev.mainspring.backend.cuda.CudaProbe;
import dev.mainspring.backend.cuda.CudaStatus;
import dev.mainspring.backend.cuda.KernelImages;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print the Java runtime, CPU and CUDA facts that decide how Mainspring runs here.")
final class InfoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Runtime rt = Runtime.getRuntime();
    out.printf("mainspring    %s%n", new VersionProvider().getVersion()[0]);
    out.printf("java          %s (%s, %s)%n", Runtime.version(),
        System.getProperty("java.vm.name"), System.getProperty("java.home"));
    out.printf("cpu cores     %d%n", rt.availableProcessors());
    out.printf("max heap      %d MiB%n", rt.maxMemory() >> 20);
    out.printf("vector api    %s%n", VectorSupport.describe());
    if (!VectorSupport.available()) {
      out.printf("              %s%n", VectorRelaunch.describe());
    }
    out.printf("cpu gemm      %s kernel, %d threads%n", Gemm.describe(Gemm.defaultPath()),
        Parallel.threads());
    out.printf("cuda kernels  %s%n", KernelImages.describe());
    CudaStatus cuda = CudaProbe.status();
    out.printf("cuda          %s%n", cuda.summary());
    for (CudaDeviceInfo device : cuda.devices()) {
      out.printf("cuda device %d %s%n", device.ordinal(), device.describe());
    }
    out.printf("cublas        %s%n", CudaProbe.cublasSummary());
    out.printf("cudnn         %s%n", CudaProbe.cudnnSummary());
    out.flush();
    return 0;
  }
}
