using System.CommandLine;
using Course.Cli;
using Offloading.Ai;
using Offloading.Offload;

namespace Offloading;

/// <summary>
/// The hidden <c>worker</c> verb: the other end of <see cref="ProcessPlans"/>. It reads boards from
/// standard input and writes plans to standard output, one frame each, until its input ends (the server
/// closed the pipe or died), then exits. Standard output carries frames only; anything to say goes to
/// standard error.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        // For tests only: a planner that sleeps this long instead of searching (0: the real planner).
        var delay = Ranged.Between("--planner-delay-ms", "Sleep this long instead of planning (tests)", 0, 1, 600_000, zero: "plan for real");
        delay.Hidden = true;
        return new Command("worker", "Plan for the server over standard input and output (started by `server --offload process`)") { delay }
            .WithHiddenAction(async (args, cancel) =>
            {
                int ms = args.GetValue(delay);
                IPlanner planner = ms > 0 ? new SleepingPlanner(TimeSpan.FromMilliseconds(ms)) : new PathPlanner();
                using Stream input = Console.OpenStandardInput();
                using Stream output = Console.OpenStandardOutput();
                while (await Frames.ReadAsync<Board>(input, cancel) is { } board)
                    await Frames.WriteAsync(output, planner.Plan(board), cancel);
                return ExitCodes.Success;
            });
    }

    private static Command WithHiddenAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.Hidden = true;
        return command.WithAction(action);
    }
}
