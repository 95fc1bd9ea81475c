using System.CommandLine;
using Course.Cli;

namespace Course.Classroom;

/// <summary>
/// Runs the tool's command line: <c>--help</c> from System.CommandLine, a mistake on the command line as
/// one line and exit code 2, a <see cref="UserError"/> as one line and its exit code, Ctrl+C as 130.
/// </summary>
public static class ClassroomApp
{
    public static int Run(string[] args, params Command[] verbs)
    {
        var root = new RootCommand("The course's classroom tool: make an assignment (starter), grade it (grade), prove the exercise tests (prove)");
        foreach (Command verb in verbs) root.Subcommands.Add(verb);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.CommandResult.Command == root && !parsed.Tokens.Any())
        {
            // One line: the first mistake is what to fix; the hint says where to read more.
            string problem = parsed.Errors.Count > 0 ? parsed.Errors[0].Message : "choose a verb: starter, grade, prove, list or solution.";
            Console.Error.WriteLine($"error: {problem} (see `dotnet run --project shared/Course.Classroom -- --help`)");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
}
