using System.Text;
using Snake.Game;
using Snake.Wire;

namespace GameLoop.Tests;

/// <summary>
/// What the benches' bots read of a state: only its tick, from the first fields, as the server writes
/// them. Anything else (another message, a state cut short, bytes that are not JSON) is -1, never an
/// exception: a bot timing a thousand states must not fall over on one.
/// </summary>
public sealed class StateTickTests
{
    [Fact]
    public void The_tick_of_a_state_is_read_from_the_server_s_own_bytes()
    {
        var game = new SnakeGame(new GameRules { Width = 16, Height = 10, FoodCount = 2 }, seed: 3);
        game.Add(1, "ann");
        for (int i = 0; i < 7; i++) game.Step();
        byte[] state = ServerMessages.State(game, ["ann ate"]);
        Assert.Equal(7, StateView.TickOf(state));
        Assert.Equal(StateView.Parse(state).Tick, StateView.TickOf(state));
    }

    [Theory]
    [InlineData("""{"type":"welcome","id":1,"width":40,"height":30}""")]
    [InlineData("""{"type":"state"}""")]
    [InlineData("""{"type":"state","tick":"7"}""")]
    [InlineData("""{"tick":7,"type":"state"}""")]
    [InlineData("""{"type":"state","ti""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{}""")]
    [InlineData("""{"type":1,"tick":7}""")]
    [InlineData("""{"type":"state","tick":7.5}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void Anything_but_a_state_with_its_tick_is_minus_one(string message) =>
        Assert.Equal(-1, StateView.TickOf(Encoding.UTF8.GetBytes(message)));
}
