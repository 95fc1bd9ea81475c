using System.CommandLine;
using System.Reflection;

namespace Course.Cli;

/// <summary>
/// A chapter's verbs and options, read without running any verb: for the test that walks every option of
/// every chapter with wrong values, and for tools that document them.
/// </summary>
/// <remarks>
/// Each chapter builds its command tree in its top-level statements and hands it to
/// <see cref="CourseApp.Run"/>. Here the program's entry point runs with a probe set, and
/// <see cref="CourseApp.Run"/> sees it: it hands the tree over before parsing anything (<see cref="Of"/>),
/// or parses the arguments and reports what is wrong with them exactly as it would for a user, then
/// returns instead of running the verb (<see cref="Check"/>). ASP.NET's test host reads a web
/// application's top-level setup the same way. So the statements before <c>CourseApp.Run</c> must only
/// declare options and verbs; they all do.
/// </remarks>
public static class CommandTree
{
    private static readonly AsyncLocal<Probe?> Current = new();

    /// <summary>A program's root command and its project folder ("chapters/01-echo").</summary>
    public sealed record Program(string Project, RootCommand Root);

    /// <summary>What the program would answer to a command line: its exit code and standard error.</summary>
    public sealed record Answer(int ExitCode, string StandardError, bool WouldRun);

    /// <summary>The program's command tree, with nothing parsed and nothing run.</summary>
    public static Program Of(Assembly program)
    {
        var probe = new Probe(parse: false);
        Enter(program, [], probe);
        return probe.Tree ?? throw new InvalidOperationException($"{program.GetName().Name} returned without calling CourseApp.Run");
    }

    /// <summary>
    /// Runs the program's own <c>Main</c> on <paramref name="args"/> up to the point where the verb would
    /// start: what it says about a wrong command line, and whether the command line would run a verb.
    /// </summary>
    public static Answer Check(Assembly program, params string[] args)
    {
        var probe = new Probe(parse: true);
        int code = Enter(program, args, probe);
        return new Answer(code, probe.Error.ToString(), probe.WouldRun);
    }

    /// <summary>The probe of the current test, or null when the program runs for real.</summary>
    internal static Probe? Probing => Current.Value;

    private static int Enter(Assembly program, string[] args, Probe probe)
    {
        MethodInfo main = program.EntryPoint ?? throw new ArgumentException($"{program.GetName().Name} is not a program (it has no entry point)");
        Current.Value = probe;
        try
        {
            object? result = main.Invoke(null, main.GetParameters().Length == 0 ? [] : [args]);
            return result switch
            {
                Task<int> task => task.GetAwaiter().GetResult(),
                int code => code,
                _ => 0,
            };
        }
        finally
        {
            Current.Value = null;
        }
    }

    internal sealed class Probe(bool parse)
    {
        /// <summary>False: hand over the tree and stop. True: parse, report, and stop before the verb.</summary>
        public bool Parse { get; } = parse;
        public Program? Tree { get; set; }
        public StringWriter Error { get; } = new();
        public bool WouldRun { get; set; }
    }
}
