using System.CommandLine;

namespace Course.Cli;

/// <summary>
/// Runs a chapter's command line: verbs (server, client, demo, bench, ...) under one root command, with
/// <c>--help</c> from System.CommandLine, Ctrl+C turned into cancellation, and a <see cref="UserError"/>
/// turned into one line on standard error and its exit code.
/// </summary>
public static class CourseApp
{
    /// <param name="project">The program's project folder, e.g. "chapters/01-echo", used in hints.</param>
    public static int Run(string project, string description, string[] args, params Command[] verbs)
    {
        var root = new RootCommand(description);
        foreach (Command verb in verbs) root.Subcommands.Add(verb);

        // A test may be reading the verbs (CommandTree): then nothing runs, and errors go to the test.
        CommandTree.Probe? probe = CommandTree.Probing;
        if (probe is { Parse: false })
        {
            probe.Tree = new CommandTree.Program(project, root);
            return ExitCodes.Success;
        }
        TextWriter error = probe?.Error ?? Console.Error;
        if (probe is null) UseUtf8Console();

        ParseResult parsed = root.Parse(args);
        if (UsageErrors.Report(parsed, project, error)) return ExitCodes.Usage;
        if (probe is not null)
        {
            probe.WouldRun = true;
            return ExitCodes.Success;
        }

        MainThread.Remember();
        try
        {
            var config = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // After Ctrl+C, System.CommandLine kills the process if the verb has not returned within
                // this time (2 s by default). Our servers close every connection politely first, each
                // within its own bounded wait, which can take longer; give them room, but not forever.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
            };
            int code = parsed.Invoke(config);
            return code;
        }
        catch (UserError e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>
    /// Reads and writes the console in UTF-8 everywhere. Linux and macOS already do; Windows' console
    /// defaults to a legacy code page, where "ünïcödé" or "Zażółć" would come out as question marks.
    /// </summary>
    private static void UseUtf8Console()
    {
        var utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        try { Console.OutputEncoding = utf8; } catch (IOException) { /* no console attached: nothing to set */ }
        try { Console.InputEncoding = utf8; } catch (IOException) { }
    }

    /// <summary>Adds an action that runs until it finishes or the user presses Ctrl+C.</summary>
    public static Command WithAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(action);
        return command;
    }
}
