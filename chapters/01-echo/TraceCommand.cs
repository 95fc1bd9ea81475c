using System.CommandLine;
using Course.Cli;

namespace Echo;

/// <summary>
/// The hidden <c>trace</c> verb: one round trip of the seed's design and one of ours, recorded for the
/// timeline on the chapter's page (.ci/trace draws it). No lesson of its own, so it stays out of --help.
/// </summary>
internal static class TraceCommand
{
    public static Command Create() =>
        new Command("trace", "Record one round trip of the seed's design and one of ours, for the timeline on the chapter's page") { Hidden = true }
            .WithAction((_, cancel) =>
            {
                Console.Out.Write(Timeline.Record(cancel));
                return Task.FromResult(ExitCodes.Success);
            });
}
