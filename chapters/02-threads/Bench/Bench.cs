namespace Dots;

public static class Bench
{
    public static void Run(int[] counts, TimeSpan perCount, TextWriter output, CancellationToken cancel) { }
}
