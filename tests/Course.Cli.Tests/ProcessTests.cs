using Course.Testing;

namespace Course.Cli.Tests;

/// <summary>The same mistakes made by a real user: a real process, its exit code, all it writes.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("error: --port must be a whole number between 1 and 65535, or 0 (any free port, chosen by the operating system), not 'abc'.", "server", "--port", "abc")]
    [InlineData("error: unknown verb 'nope': the verbs are server, client, demo or bench.", "nope")]
    [InlineData("error: choose a verb: server, client, demo or bench (dotnet run --project chapters/01-echo -- --help says what each does).")]
    public async Task A_mistyped_command_line_is_one_line_on_standard_error_and_exit_code_2(string expected, params string[] arguments)
    {
        await using var echo = RunningProcess.StartCourseProgram("echo", arguments);
        Assert.Equal(ExitCodes.Usage, await echo.WaitForExitAsync(Patience));
        Assert.Equal(expected + "\n", echo.StandardError);
        Assert.Equal("", echo.StandardOutput);
    }
}
