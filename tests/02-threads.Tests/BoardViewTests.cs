namespace Dots.Tests;

/// <summary>What the terminal client draws for a given conversation.</summary>
public sealed class BoardViewTests
{
    [Fact]
    public void The_board_after_a_few_lines_from_the_server()
    {
        var model = new BoardModel(new Board(Width: 24, Height: 6));
        string[] lines = ["myIDis 2", "newPlayer 1 3 1", "newPlayer 2 10 3", "newPlayer 13 23 5", "playerMoved 2 11 3",
                          "newPlayer 4 0 0", "playerLeft 4", "error unknown command: jump"];
        foreach (string line in lines) Assert.True(model.Apply(line), line);
        Assert.False(model.Apply("somethingNew 1 2"));

        string drawn = string.Join('\n', BoardView.Render(model, "arrows move · q quits"));
        Snapshot.Match("server said:\n" + string.Join('\n', lines) + "\n\nthe client draws:\n" + drawn);
    }
}
