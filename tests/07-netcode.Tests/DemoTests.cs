using Chase;
using Course.Testing;

namespace Netcode.Tests;

/// <summary>The program's output that the docs page shows.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_plays_PyGaSe_s_getting_started_conversation()
    {
        var output = new Transcript();
        await Demo.RunAsync(output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Snapshot.Match(output.ToString());
    }

    [Fact]
    public async Task A_bad_option_ends_in_one_line_and_a_usage_code()
    {
        await using RunningProcess run = RunningProcess.StartCourseProgram("chase", "server", "--loss", "150");
        Assert.Equal(2, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("error: --loss must be a number between 0 and 100, not '150'.\n", run.StandardError);
    }

    [Fact]
    public async Task A_client_with_no_server_says_so_in_one_line()
    {
        await using RunningProcess run = RunningProcess.StartCourseProgram("chase", "client", "--port", "9", "--seconds", "1");
        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("error: no answer from 127.0.0.1:9 within 5 s: is the server running?\n", run.StandardError);
    }
}
