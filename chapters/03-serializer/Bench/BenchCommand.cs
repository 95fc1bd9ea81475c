using System.CommandLine;
using Course.Cli;

namespace Serializer.Bench;

/// <summary>The <c>bench</c> verb: size and speed on a game snapshot, against MessagePack and System.Text.Json.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(3, "Seconds to measure each format's encoding, and again its decoding, after the warm-up");
        Option<string?> chart = ChartOption.Create();

        return new Command("bench", "Size and speed on a game snapshot: this format vs MessagePack vs System.Text.Json") { seconds, chart }
            .WithAction((args, cancel) =>
            {
                Bench.Run(TimeSpan.FromSeconds(args.GetValue(seconds)), Environment.GetCommandLineArgs()[1..],
                    Console.Out, args.GetValue(chart), cancel);
                return Task.FromResult(ExitCodes.Success);
            });
    }
}
