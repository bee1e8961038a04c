using System.Text.Json;
using Insight.Local.Events;

namespace Insight.Local.Tests.Events;

/// <summary>
/// Event-pattern matching, case by case. Sources: AWS's open-source engine aws/event-ruler
/// (src/test/resources/correctness-cases.json, RulerTest.java, whose expected outcomes are restated here as data)
/// and the EventBridge user guide's content-filtering examples. JSON is written with single quotes for reading.
/// </summary>
public sealed class EventPatternMatchTests
{
    // aws/event-ruler RulerTest.JSON_FROM_README (field names with dots are plain names, not paths).
    private const string ReadmeEvent = """
        {'version':'0','id':'ddddd4-aaaa-7777-4444-345dd43cc333','detail-type':'EC2 Instance State-change Notification',
         'source':'aws.ec2','account':'012345679012','time':'2017-10-02T16:24:49Z','region':'us-east-1',
         'resources':['arn:aws:ec2:us-east-1:012345679012:instance/i-000000aaaaaa00000'],
         'detail':{'c.count':5,'d.count':3,'x.limit':301.8,'source-ip':'10.0.0.33','instance-id':'i-000000aaaaaa00000','state':'running'}}
        """;

    // aws/event-ruler RulerTest.JSON_FROM_RFC.
    private const string RfcEvent = """
        {'Image':{'Width':800,'Height':600,'Title':'View from 15th Floor',
         'Thumbnail':{'Url':'http://www.example.com/image/481989943','Height':125,'Width':100},
         'Animated':false,'IDs':[116,943,234,38793]}}
        """;

    // aws/event-ruler RulerTest.JSON_WITH_COMPLEX_ARRAYS.
    private const string ArraysEvent = """
        {'employees':[[{'firstName':'John','lastName':'Doe','ids':[1234,1000,9999]},{'firstName':'Anna','lastName':'Smith'}],
                      [{'firstName':'Peter','lastName':'Jones','ids':[]}]]}
        """;

    // The EventBridge user guide's example event for content filtering.
    private const string GuideEvent = """
        {'version':'0','id':'6a7e8feb-b491-4cf7-a9f1-bf3703467718','detail-type':'EC2 Instance State-change Notification',
         'source':'aws.ec2','account':'111122223333','time':'2017-12-22T18:43:48Z','region':'us-west-1',
         'resources':['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
         'detail':{'instance-id':'i-1234567890abcdef0','state':'terminated','c-count':5,'d-count':3,'x-limit':301.8,
                   'source-ip':'10.0.0.33','FileName':'image.PNG','eventVersion':'','responseElements':null,
                   'Location':'Oslo','FilePath':'/usr/lib/app.jar','ipv6':'2001:db8:1234:1a00::10'}}
        """;

    public static TheoryData<string, string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var (name, pattern, @event, matches) in All())
        {
            data.Add(name, pattern, @event, matches);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pattern_matches_as_EventBridge_does(string name, string pattern, string @event, bool matches)
    {
        var parsed = EventPattern.Parse(Json(pattern));
        using var document = JsonDocument.Parse(Json(@event));

        Assert.True(parsed.Matches(document.RootElement) == matches, $"{name}: expected {(matches ? "a match" : "no match")}");
    }

    [Fact]
    public void There_are_more_than_a_hundred_cases_and_a_third_must_not_match()
    {
        var all = All().ToList();
        Assert.True(all.Count >= 150, $"{all.Count} cases");
        Assert.True(all.Count(c => !c.Matches) * 3 >= all.Count, "too few must-not-match cases");
        Assert.Equal(all.Count, all.Select(c => c.Name).Distinct().Count());
    }

    private static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private static IEnumerable<(string Name, string Pattern, string Event, bool Matches)> All() =>
        CorrectnessCases().Concat(RulerTestCases()).Concat(GuideCases()).Concat(EdgeCases());

    // aws/event-ruler src/test/resources/correctness-cases.json: the outcome each case's name states.
    private static IEnumerable<(string, string, string, bool)> CorrectnessCases()
    {
        const string DAB = "{'d':{'a':[{'exists':true}],'b':[{'exists':true}]}}";
        const string DABC = "{'d':{'a':[{'exists':true}],'b':[{'exists':true}],'c':[{'exists':true}]}}";
        yield return ("flat: 2-field exists, both present", DAB, "{'d':{'a':1,'b':2}}", true);
        yield return ("flat: 2-field exists, one missing", DAB, "{'d':{'a':1}}", false);
        yield return ("flat: exact match", "{'d':{'a':['hello'],'b':['world']}}", "{'d':{'a':'hello','b':'world'}}", true);
        yield return ("flat: exact mismatch", "{'d':{'a':['hello'],'b':['world']}}", "{'d':{'a':'hello','b':'nope'}}", false);
        yield return ("flat: prefix", "{'d':{'a':[{'prefix':'hel'}]}}", "{'d':{'a':'hello'}}", true);
        yield return ("flat: numeric range", "{'d':{'x':[{'numeric':['>',0,'<',100]}]}}", "{'d':{'x':50}}", true);
        yield return ("flat: anything-but", "{'d':{'s':[{'anything-but':'banned'}]}}", "{'d':{'s':'active'}}", true);
        yield return ("objarray: same element", DAB, "{'d':[{'a':1,'b':2}]}", true);
        yield return ("objarray: split", DAB, "{'d':[{'a':1},{'b':2}]}", false);
        yield return ("objarray: 3 elem, last valid", DAB, "{'d':[{'a':1},{'b':2},{'a':3,'b':4}]}", true);
        yield return ("objarray: 3-field, all in one", DABC, "{'d':[{'a':1,'b':2,'c':3}]}", true);
        yield return ("objarray: 3-field, split 3 ways", DABC, "{'d':[{'a':1},{'b':2},{'c':3}]}", false);
        yield return ("objarray: exact same elem", "{'d':{'name':['alice'],'status':['active']}}", "{'d':[{'name':'alice','status':'active'}]}", true);
        yield return ("objarray: exact split", "{'d':{'name':['alice'],'status':['active']}}", "{'d':[{'name':'alice'},{'status':'active'}]}", false);
        yield return ("objarray: prefix same", "{'d':{'name':[{'prefix':'al'}],'status':[{'exists':true}]}}", "{'d':[{'name':'alice','status':'ok'}]}", true);
        yield return ("objarray: prefix split", "{'d':{'name':[{'prefix':'al'}],'status':[{'exists':true}]}}", "{'d':[{'name':'alice'},{'status':'ok'}]}", false);
        yield return ("primarray: exists", "{'d':{'tags':[{'exists':true}],'name':[{'exists':true}]}}", "{'d':{'tags':['a','b'],'name':'x'}}", true);
        yield return ("primarray: exact match", "{'tags':['admin']}", "{'tags':['user','admin']}", true);
        yield return ("primarray: no match", "{'tags':['superadmin']}", "{'tags':['user','admin']}", false);
        yield return ("nested: inner same", "{'u':{'t':{'k':['color'],'v':['blue']}}}", "{'u':[{'t':[{'k':'color','v':'blue'}]}]}", true);
        yield return ("nested: inner split", "{'u':{'t':{'k':['color'],'v':['blue']}}}", "{'u':[{'t':[{'k':'color'},{'v':'blue'}]}]}", false);
        yield return ("nested: outer split", "{'d':{'name':[{'exists':true}],'info':{'x':['1']}}}", "{'d':[{'name':'alice'},{'info':{'x':'1'}}]}", false);
        yield return ("nested: outer same", "{'d':{'name':[{'exists':true}],'info':{'x':['1']}}}", "{'d':[{'name':'alice','info':{'x':'1'}}]}", true);
        yield return ("nested2: same leaf", "{'a':{'b':{'x':[{'exists':true}],'y':[{'exists':true}]}}}", "{'a':[{'b':[{'x':1,'y':2}]}]}", true);
        yield return ("nested2: split leaf", "{'a':{'b':{'x':[{'exists':true}],'y':[{'exists':true}]}}}", "{'a':[{'b':[{'x':1},{'y':2}]}]}", false);
        yield return ("mixed: array+scalar match", "{'users':{'name':[{'exists':true}]},'version':['1']}", "{'users':[{'name':'alice'}],'version':'1'}", true);
        yield return ("mixed: array+scalar fail", "{'users':{'name':[{'exists':true}]},'version':['2']}", "{'users':[{'name':'alice'}],'version':'1'}", false);
        yield return ("exists-false: absent", "{'d':{'a':[{'exists':true}],'b':[{'exists':false}]}}", "{'d':[{'a':1}]}", true);
        yield return ("exists-false: present", "{'d':{'a':[{'exists':true}],'b':[{'exists':false}]}}", "{'d':[{'a':1,'b':2}]}", false);
        yield return ("empty object", "{'d':{'a':[{'exists':true}]}}", "{}", false);
        yield return ("empty array", "{'d':{'a':[{'exists':true}]}}", "{'d':[]}", false);
        yield return ("single-field rule", "{'d':{'a':[{'exists':true}]}}", "{'d':[{'a':1},{'a':2}]}", true);
        yield return ("many elem one valid", "{'d':{'a':['target'],'b':['found']}}", "{'d':[{'a':'x'},{'a':'y'},{'a':'target','b':'found'},{'a':'z'}]}", true);
        yield return ("numeric+exists array", "{'i':{'p':[{'numeric':['>',0,'<',100]}],'n':[{'exists':true}]}}", "{'i':[{'n':'w','p':50},{'n':'g','p':200}]}", true);
        yield return ("anything-but array", "{'u':{'s':[{'anything-but':'banned'}],'n':[{'exists':true}]}}", "{'u':[{'n':'alice','s':'banned'},{'n':'bob','s':'active'}]}", true);
        yield return ("primarray: large + scalar, exists", "{'d':{'tags':[{'exists':true}],'type':[{'exists':true}]}}", "{'d':{'tags':['a','b','c'],'type':'GROUP'}}", true);
        yield return ("primarray: large + scalar, prefix", "{'d':{'tags':[{'prefix':'ad'}],'type':[{'exists':true}]}}", "{'d':{'tags':['admin','user','dev'],'type':'GROUP'}}", true);
        yield return ("primarray: large + scalar, no match", "{'d':{'tags':[{'prefix':'super'}],'type':[{'exists':true}]}}", "{'d':{'tags':['admin','user','dev'],'type':'GROUP'}}", false);
        yield return ("primarray: nested under object", "{'detail':{'data':{'name':[{'exists':true}],'type':[{'exists':true}]}}}", "{'detail':{'data':{'name':['alice','bob'],'type':'GROUP'}}}", true);
        yield return ("primarray: two prim arrays + scalar", "{'tags':[{'exists':true}],'cats':[{'exists':true}],'v':['1']}", "{'tags':['a','b'],'cats':['x','y'],'v':'1'}", true);
        yield return ("primarray: exact match among many", "{'d':{'name':['target'],'type':['GROUP']}}", "{'d':{'name':['a','b','target','c'],'type':'GROUP'}}", true);
        yield return ("primarray: numeric in array", "{'d':{'vals':[{'numeric':['>',0,'<',10]}],'type':[{'exists':true}]}}", "{'d':{'vals':[100,5,200],'type':'ok'}}", true);
        yield return ("primarray: anything-but in array", "{'d':{'tags':[{'anything-but':'banned'}],'type':[{'exists':true}]}}", "{'d':{'tags':['banned','ok'],'type':'x'}}", true);
        yield return ("primarray: single value array", "{'d':{'name':[{'exists':true}],'type':[{'exists':true}]}}", "{'d':{'name':['only'],'type':'x'}}", true);
        yield return ("primarray: empty prim array", "{'d':{'name':[{'exists':true}],'type':[{'exists':true}]}}", "{'d':{'name':[],'type':'x'}}", false);
        yield return ("mixed: obj-array + prim-array", "{'users':{'name':[{'exists':true}]},'tags':['admin']}", "{'users':[{'name':'alice'}],'tags':['admin','user']}", true);
        yield return ("mixed: obj-array split + prim-array", "{'users':{'name':[{'exists':true}],'email':[{'exists':true}]},'tags':['admin']}", "{'users':[{'name':'alice'},{'email':'b@x'}],'tags':['admin']}", false);
        yield return ("deep prim: nested 3 levels", "{'a':{'b':{'c':{'vals':[{'exists':true}],'type':[{'exists':true}]}}}}", "{'a':{'b':{'c':{'vals':['x','y','z'],'type':'ok'}}}}", true);
        yield return ("suffix match in array", "{'d':{'name':[{'suffix':'ice'}],'type':[{'exists':true}]}}", "{'d':[{'name':'alice','type':'user'}]}", true);
        yield return ("only the last of many elements has both fields", "{'detail':{'email':[{'exists':true}],'name':[{'exists':true}]}}", "{'detail':[{'email':'a@x'},{'email':'b@x'},{'email':'c@x'},{'email':'d@x'},{'email':'e@x','name':'eve'}]}", true);
        yield return ("suffix match split", "{'d':{'name':[{'suffix':'ice'}],'type':[{'exists':true}]}}", "{'d':[{'name':'alice'},{'type':'user'}]}", false);
    }

    // aws/event-ruler src/test/.../RulerTest.java.
    private static IEnumerable<(string, string, string, bool)> RulerTestCases()
    {
        // WHEN_RulesFromReadmeAreTried_THEN_TheyWork
        string[] readmeRules =
        [
            "{'detail-type':['EC2 Instance State-change Notification'],'resources':['arn:aws:ec2:us-east-1:012345679012:instance/i-000000aaaaaa00000'],'detail':{'state':['initializing','running']}}",
            "{'time':[{'prefix':'2017-10-02'}],'detail':{'state':[{'anything-but':'initializing'}]}}",
            "{'detail':{'source-ip':[{'cidr':'10.0.0.0/24'}],'c.count':[{'numeric':['>',0,'<=',5]}],'d.count':[{'numeric':['<',10]}],'x.limit':[{'numeric':['=',3.018e2]}]}}",
            "{'detail':{'state':[{'anything-but':{'prefix':'init'}}]}}",
            "{'detail':{'state':[{'prefix':{'equals-ignore-case':'RuNn'}}]}}",
            "{'detail':{'state':[{'suffix':'ning'}]}}",
            "{'detail':{'state':[{'suffix':{'equals-ignore-case':'nInG'}}]}}",
            "{'detail':{'source-ip':[{'cidr':'10.0.0.0/24'}]}}",
            "{'detail':{'source-ip':[{'cidr':'10.0.0.0/8'}]}}",
        ];
        for (var i = 0; i < readmeRules.Length; i++)
        {
            yield return ($"ruler readme rule {i}", readmeRules[i], ReadmeEvent, true);
        }

        // WHEN_WeWriteRulesToMatchVariousFieldCombos_THEN_TheyWork
        string[] rfcMatching =
        [
            "{'Image':{'Width':[800],'Thumbnail':{'Height':[125,300]}}}",
            "{'Image':{'Thumbnail':{'Url':[{'prefix':'http'}]}}}",
            "{'Image':{'Title':[{'prefix':{'equals-ignore-case':'VIeW'}}]}}",
            "{'Image':{'Title':[{'suffix':{'equals-ignore-case':'LoOr'}}]}}",
            "{'Image':{'Title':[{'suffix':'loor'}]}}",
            "{'Image':{'Width':[{'numeric':['<',1000]}],'Height':[{'numeric':['<=',600]}],'Title':[{'anything-but':'View from 15th Flood'}],'Thumbnail':{'Url':[{'prefix':'http'}],'Height':[{'numeric':['>',124,'<',126]}],'Width':[{'numeric':['>=',99.999,'<=',100]}]},'Animated':[false]}}",
        ];
        string[] rfcNotMatching =
        [
            "{'Image':{'Width':[{'numeric':['<',800]}]}}",
            "{'Image':{'Height':[{'numeric':['<',599]}]}}",
            "{'Image':{'Title':[{'anything-but':'View from 15th Floor'}]}}",
            "{'Image':{'Thumbnail':{'Url':[{'prefix':'https'}]}}}",
            "{'Image':{'Thumbnail':{'Height':[{'numeric':['>',124,'<',125]}]}}}",
            "{'Image':{'Thumbnail':{'Width':[{'numeric':['>=',100.00001,'<=',1001]}]}}}",
            "{'Image':{'Animated':[true]}}",
        ];
        for (var i = 0; i < rfcMatching.Length; i++)
        {
            yield return ($"ruler field combos matching {i}", rfcMatching[i], RfcEvent, true);
        }

        for (var i = 0; i < rfcNotMatching.Length; i++)
        {
            yield return ($"ruler field combos not matching {i}", rfcNotMatching[i], RfcEvent, false);
        }

        // WHEN_JSONContainsArrays_THEN_RulerNoCompileMatchesWork
        string[] arraysMatching =
        [
            "{'employees':{'firstName':['Anna']}}",
            "{'employees':{'firstName':['John'],'ids':[1000]}}",
            "{'employees':{'firstName':['Anna'],'ids':[{'exists':false}]}}",
        ];
        string[] arraysNotMatching =
        [
            "{'employees':{'firstName':['Alice']}}",
            "{'employees':{'firstName':['Anna'],'lastName':['Jones']}}",
            "{'employees':{'firstName':['Alice'],'lastName':['Bob']}}",
            "{'a':['b']}",
            "{'employees':['b']}",
            "{'employees':{'firstName':['Anna'],'ids':[1000]}}",
            "{'employees':{'firstName':['Anna'],'ids':[{'exists':true}]}}",
        ];
        for (var i = 0; i < arraysMatching.Length; i++)
        {
            yield return ($"ruler arrays matching {i}", arraysMatching[i], ArraysEvent, true);
        }

        for (var i = 0; i < arraysNotMatching.Length; i++)
        {
            yield return ($"ruler arrays not matching {i}", arraysNotMatching[i], ArraysEvent, false);
        }

        // WHEN_WeTryToMatchExistsRules_THEN_TheyWork: rules x events and the outcomes asserted there.
        string[] existsRules = ["{'a':[{'exists':true}]}", "{'b':[{'exists':false}]}", "{'x':[{'exists':true}]}", "{'x':[{'exists':false}]}"];
        string[] existsEvents = ["{'a':1}", "{'b':2}", "{'x':'X'}"];
        bool[,] existsOutcomes = { { true, true, false, true }, { false, false, false, true }, { false, true, true, false } };
        for (var e = 0; e < existsEvents.Length; e++)
        {
            for (var r = 0; r < existsRules.Length; r++)
            {
                yield return ($"ruler exists rule {r + 1} event {e + 1}", existsRules[r], existsEvents[e], existsOutcomes[e, r]);
            }
        }

        // WHEN_WeTryReallySimpleRules_THEN_TheyWork
        yield return ("ruler simple number", "{'a':[1]}", "{'a':1}", true);
        yield return ("ruler simple number 2", "{'b':[2]}", "{'b':2}", true);
        yield return ("ruler simple string", "{'x':['X']}", "{'x':'X'}", true);
        yield return ("ruler simple number vs true", "{'a':[1]}", "{'x':true}", false);
        yield return ("ruler simple string vs true", "{'x':['X']}", "{'x':true}", false);

        // WHEN_WeTryAnythingButRules_THEN_Theywork: one rule, eleven events, only the first matches.
        const string AnythingButRule =
            "{'a':[{'anything-but':['dad0','dad1','dad2']}],'b':[{'anything-but':[111,222,333]}],'c':[{'anything-but':'zdd'}],"
            + "'d':[{'anything-but':444}],'z':[{'numeric':['>',0,'<',1]}],'w':[{'anything-but':{'prefix':'zax'}}],"
            + "'n':[{'anything-but':{'suffix':'ing'}}],'o':[{'anything-but':{'equals-ignore-case':'CamelCase'}}],"
            + "'p':[{'anything-but':{'equals-ignore-case':['CamelCase','AbC']}}]}";
        (string A, string B, string C, int D, string W, string Z, string N, string O, string P, bool Matches)[] anythingButEvents =
        [
            ("child1", "'444'", "child1", 123, "xaz", "0.001", "nomatch", "nomatch", "nomatch", true),
            ("dad789", "789", "zdd", 123, "xaz", "0.001", "nomatch", "nomatch", "nomatch", false),
            ("dad789", "789", "child1", 123, "xaz", "1.01", "nomatch", "nomatch", "nomatch", false),
            ("dad1", "345", "child1", 123, "xaz", "0.001", "nomatch", "nomatch", "nomatch", false),
            ("abc", "111", "child1", 123, "xaz", "0.001", "nomatch", "nomatch", "nomatch", false),
            ("dad1", "333", "child1", 123, "xaz", "0.001", "nomatch", "nomatch", "nomatch", false),
            ("abc", "0", "child1", 444, "xaz", "0.999999", "nomatch", "nomatch", "nomatch", false),
            ("child1", "'444'", "child1", 123, "zaxonie", "0.001", "nomatch", "nomatch", "nomatch", false),
            ("child1", "'444'", "child1", 123, "xaz", "0.001", "matching", "nomatch", "nomatch", false),
            ("child1", "'444'", "child1", 123, "xaz", "0.001", "nomatch", "camelcase", "nomatch", false),
            ("child1", "'444'", "child1", 123, "xaz", "0.001", "nomatch", "nomatch", "abc", false),
        ];
        for (var i = 0; i < anythingButEvents.Length; i++)
        {
            var e = anythingButEvents[i];
            var @event = $"{{'a':'{e.A}','b':{e.B},'c':'{e.C}','d':{e.D},'w':'{e.W}','z':{e.Z},'n':'{e.N}','o':'{e.O}','p':'{e.P}'}}";
            yield return ($"ruler anything-but event {i}", AnythingButRule, @event, e.Matches);
        }

        // WHEN_WeTryEqualsIgnoreCaseRules_THEN_TheyWork
        const string IgnoreCaseRule = "{'a':[{'equals-ignore-case':'aBc'}],'b':[{'equals-ignore-case':'Def'}],'c':[{'equals-ignore-case':'xyZ'}]}";
        yield return ("ruler equals-ignore-case longer value", IgnoreCaseRule, "{'a':'ABC','b':'defx','c':'xYz','d':'rst'}", false);
        yield return ("ruler equals-ignore-case missing field", IgnoreCaseRule, "{'a':'ABC','c':'xYz','d':'rst'}", false);
        yield return ("ruler equals-ignore-case swapped values", IgnoreCaseRule, "{'a':'ABC','b':'xYz','c':'def','d':'rst'}", false);
        yield return ("ruler equals-ignore-case all match", IgnoreCaseRule, "{'a':'ABC','b':'def','c':'xYz','d':'rst'}", true);

        // WHEN_WeTryWildcardRules_THEN_TheyWork
        const string WildcardRule = "{'a':[{'wildcard':'*bc'}],'b':[{'wildcard':'d*f'}],'c':[{'wildcard':'xy*'}],'d':[{'wildcard':'xy*'}]}";
        yield return ("ruler wildcard trailing x", WildcardRule, "{'a':'abcbc','b':'deeeefx','c':'xy','d':'xyzzz'}", false);
        yield return ("ruler wildcard missing field", WildcardRule, "{'a':'abcbc','b':'deeeef','d':'xyzzz'}", false);
        yield return ("ruler wildcard swapped values", WildcardRule, "{'a':'abcbc','b':'xy','c':'deeeef','d':'xyzzz'}", false);
        yield return ("ruler wildcard all match", WildcardRule, "{'a':'abcbc','b':'deeeef','c':'xy','d':'xyzzz'}", true);
    }

    // The EventBridge user guide: content filtering, comparison operators, null values and empty strings.
    private static IEnumerable<(string, string, string, bool)> GuideCases()
    {
        yield return ("guide: instance termination", "{'source':['aws.ec2'],'detail-type':['EC2 Instance State-change Notification'],'detail':{'state':['terminated']}}", GuideEvent, true);
        yield return ("guide: wrong state", "{'source':['aws.ec2'],'detail':{'state':['running']}}", GuideEvent, false);
        yield return ("guide: prefix on time", "{'time':[{'prefix':'2017-12-22'}]}", GuideEvent, true);
        yield return ("guide: prefix on time, other day", "{'time':[{'prefix':'2017-10-02'}]}", GuideEvent, false);
        yield return ("guide: prefix ignoring case", "{'detail-type':[{'prefix':{'equals-ignore-case':'ec2 instance'}}]}", GuideEvent, true);
        yield return ("guide: suffix", "{'detail':{'FileName':[{'suffix':'.PNG'}]}}", GuideEvent, true);
        yield return ("guide: suffix is case sensitive", "{'detail':{'FileName':[{'suffix':'.png'}]}}", GuideEvent, false);
        yield return ("guide: suffix ignoring case", "{'detail':{'FileName':[{'suffix':{'equals-ignore-case':'.png'}}]}}", GuideEvent, true);
        yield return ("guide: anything-but string", "{'detail':{'state':[{'anything-but':'initializing'}]}}", GuideEvent, true);
        yield return ("guide: anything-but the value itself", "{'detail':{'state':[{'anything-but':'terminated'}]}}", GuideEvent, false);
        yield return ("guide: anything-but number", "{'detail':{'x-limit':[{'anything-but':123}]}}", GuideEvent, true);
        yield return ("guide: anything-but the number itself, spelled differently", "{'detail':{'x-limit':[{'anything-but':3.018e2}]}}", GuideEvent, false);
        yield return ("guide: anything-but list", "{'detail':{'state':[{'anything-but':['stopped','overloaded']}]}}", GuideEvent, true);
        yield return ("guide: anything-but list holding the value", "{'detail':{'state':[{'anything-but':['stopped','terminated']}]}}", GuideEvent, false);
        yield return ("guide: anything-but prefix", "{'detail':{'state':[{'anything-but':{'prefix':'init'}}]}}", GuideEvent, true);
        yield return ("guide: anything-but prefix of the value", "{'detail':{'state':[{'anything-but':{'prefix':'term'}}]}}", GuideEvent, false);
        yield return ("guide: anything-but prefix list", "{'detail':{'state':[{'anything-but':{'prefix':['init','term']}}]}}", GuideEvent, false);
        yield return ("guide: anything-but suffix", "{'detail':{'FileName':[{'anything-but':{'suffix':'.png'}}]}}", GuideEvent, true);
        yield return ("guide: anything-but suffix of the value", "{'detail':{'FileName':[{'anything-but':{'suffix':'.PNG'}}]}}", GuideEvent, false);
        yield return ("guide: anything-but ignoring case", "{'detail':{'state':[{'anything-but':{'equals-ignore-case':'TERMINATED'}}]}}", GuideEvent, false);
        yield return ("guide: anything-but ignoring case, list", "{'detail':{'state':[{'anything-but':{'equals-ignore-case':['Stopped','OverLoaded']}}]}}", GuideEvent, true);
        yield return ("guide: anything-but wildcard", "{'detail':{'FilePath':[{'anything-but':{'wildcard':'*/lib/*'}}]}}", GuideEvent, false);
        yield return ("guide: anything-but wildcard, list", "{'detail':{'FilePath':[{'anything-but':{'wildcard':['*/bin/*.jar','*/bin/*.class']}}]}}", GuideEvent, true);
        yield return ("guide: numeric ranges", "{'detail':{'c-count':[{'numeric':['>',0,'<=',5]}],'d-count':[{'numeric':['<',10]}],'x-limit':[{'numeric':['=',3.018e2]}]}}", GuideEvent, true);
        yield return ("guide: numeric upper bound is open", "{'detail':{'c-count':[{'numeric':['>',0,'<',5]}]}}", GuideEvent, false);
        yield return ("guide: numeric on a string", "{'detail':{'state':[{'numeric':['>',0]}]}}", GuideEvent, false);
        yield return ("guide: cidr IPv4", "{'detail':{'source-ip':[{'cidr':'10.0.0.0/24'}]}}", GuideEvent, true);
        yield return ("guide: cidr IPv4, other block", "{'detail':{'source-ip':[{'cidr':'10.0.1.0/24'}]}}", GuideEvent, false);
        yield return ("guide: cidr IPv6", "{'detail':{'ipv6':[{'cidr':'2001:db8:1234:1a00::/64'}]}}", GuideEvent, true);
        yield return ("guide: cidr IPv6, other block", "{'detail':{'ipv6':[{'cidr':'2001:db8:1234:1b00::/64'}]}}", GuideEvent, false);
        yield return ("guide: cidr IPv4 block on an IPv6 address", "{'detail':{'ipv6':[{'cidr':'10.0.0.0/8'}]}}", GuideEvent, false);
        yield return ("guide: exists", "{'detail':{'state':[{'exists':true}]}}", GuideEvent, true);
        yield return ("guide: exists false on a missing field", "{'detail':{'c-count-missing':[{'exists':false}]}}", GuideEvent, true);
        yield return ("guide: exists false on a present field", "{'detail':{'state':[{'exists':false}]}}", GuideEvent, false);
        yield return ("guide: equals-ignore-case", "{'detail-type':[{'equals-ignore-case':'ec2 instance state-change notification'}]}", GuideEvent, true);
        yield return ("guide: wildcard", "{'resources':[{'wildcard':'arn:aws:ec2:us-west-1:*:instance/*'}]}", GuideEvent, true);
        yield return ("guide: wildcard, other region", "{'resources':[{'wildcard':'arn:aws:ec2:us-east-1:*:instance/*'}]}", GuideEvent, false);
        yield return ("guide: $or", "{'source':['aws.ec2'],'$or':[{'detail':{'state':['running']}},{'detail':{'c-count':[5]}}]}", GuideEvent, true);
        yield return ("guide: $or, no branch holds", "{'source':['aws.ec2'],'$or':[{'detail':{'state':['running']}},{'detail':{'c-count':[6]}}]}", GuideEvent, false);
        yield return ("guide: $or inside detail", "{'detail':{'$or':[{'c-count':[{'numeric':['>',0,'<=',5]}]},{'d-count':[{'numeric':['<',10]}]},{'x-limit':[{'numeric':['=',3.018e2]}]}]}}", GuideEvent, true);
        yield return ("guide: nested $or and and", "{'source':['aws.ec2'],'$or':[{'region':['eu-west-1']},{'account':['111122223333'],'$or':[{'detail':{'state':['stopped']}},{'detail':{'Location':['Oslo']}}]}]}", GuideEvent, true);
        yield return ("guide: nested $or, inner fails", "{'source':['aws.ec2'],'$or':[{'region':['eu-west-1']},{'account':['111122223333'],'$or':[{'detail':{'state':['stopped']}},{'detail':{'Location':['Bergen']}}]}]}", GuideEvent, false);
        yield return ("guide: empty string", "{'detail':{'eventVersion':['']}}", GuideEvent, true);
        yield return ("guide: null", "{'detail':{'responseElements':[null]}}", GuideEvent, true);
        yield return ("guide: empty string does not match null", "{'detail':{'responseElements':['']}}", GuideEvent, false);
        yield return ("guide: null does not match an empty string", "{'detail':{'eventVersion':[null]}}", GuideEvent, false);
        yield return ("guide: null does not match a missing field", "{'detail':{'nothing-here':[null]}}", GuideEvent, false);
    }

    // Behaviour that follows from the engine's rules and is easy to get wrong.
    private static IEnumerable<(string, string, string, bool)> EdgeCases()
    {
        yield return ("numbers compare numerically", "{'n':[300]}", "{'n':3.0e2}", true);
        yield return ("numbers compare numerically 2", "{'n':[3.0e2]}", "{'n':300.000}", true);
        yield return ("a number does not match its string", "{'n':[5]}", "{'n':'5'}", false);
        yield return ("a string does not match a number", "{'n':['5']}", "{'n':5}", false);
        yield return ("true does not match the string true", "{'b':[true]}", "{'b':'true'}", false);
        yield return ("false matches false", "{'b':[false]}", "{'b':false}", true);
        yield return ("exact match is case sensitive", "{'s':['Running']}", "{'s':'running'}", false);
        yield return ("a leaf pattern does not match an object", "{'d':['x']}", "{'d':{'x':1}}", false);
        yield return ("a nested pattern does not match a string", "{'d':{'x':['1']}}", "{'d':'x'}", false);
        yield return ("exists true matches null", "{'n':[{'exists':true}]}", "{'n':null}", true);
        yield return ("exists false does not match null", "{'n':[{'exists':false}]}", "{'n':null}", false);
        yield return ("exists true does not match an object", "{'o':[{'exists':true}]}", "{'o':{'c1':100}}", false);
        yield return ("exists false matches an object (not a leaf)", "{'o':[{'exists':false}]}", "{'o':{'c1':100}}", true);
        yield return ("exists false matches an empty array", "{'a':[{'exists':false}]}", "{'a':[]}", true);
        yield return ("exists false does not match an array of values", "{'a':[{'exists':false}]}", "{'a':[1,2]}", false);
        yield return ("exists false holds in one element of an array of objects", "{'d':{'a':[{'exists':false}]}}", "{'d':[{'a':1},{'b':2}]}", true);
        yield return ("exists false fails when every element has the field", "{'d':{'a':[{'exists':false}]}}", "{'d':[{'a':1},{'a':2}]}", false);
        yield return ("exists false under a missing parent", "{'detail':{'x':[{'exists':false}]}}", "{'source':'s'}", true);
        yield return ("exists true under a missing parent", "{'detail':{'x':[{'exists':true}]}}", "{'source':'s'}", false);
        yield return ("exists or a value", "{'x':['a',{'exists':false}]}", "{'y':1}", true);
        yield return ("nested arrays are flattened", "{'m':[3]}", "{'m':[[1,2],[3]]}", true);
        yield return ("numeric only on numbers", "{'n':[{'numeric':['>=',0]}]}", "{'n':'10'}", false);
        yield return ("numeric equals", "{'n':[{'numeric':['=',1.5]}]}", "{'n':1.50}", true);
        yield return ("numeric lower bound inclusive", "{'n':[{'numeric':['>=',10,'<',20]}]}", "{'n':10}", true);
        yield return ("numeric lower bound exclusive", "{'n':[{'numeric':['>',10,'<',20]}]}", "{'n':10}", false);
        yield return ("numeric negative values", "{'n':[{'numeric':['<',-1e3]}]}", "{'n':-1000.5}", true);
        yield return ("anything-but numbers lets strings through", "{'n':[{'anything-but':[1,2]}]}", "{'n':'1'}", true);
        yield return ("anything-but numbers compares numerically", "{'n':[{'anything-but':[100]}]}", "{'n':1e2}", false);
        yield return ("anything-but needs a value", "{'n':[{'anything-but':'x'}]}", "{'m':'y'}", false);
        yield return ("anything-but prefix lets numbers through", "{'n':[{'anything-but':{'prefix':'1'}}]}", "{'n':123}", true);
        yield return ("anything-but wildcard list excludes one", "{'p':[{'anything-but':{'wildcard':['*/bin/*.jar','*/bin/*.class']}}]}", "{'p':'/opt/bin/app.class'}", false);
        yield return ("equals-ignore-case only on strings", "{'s':[{'equals-ignore-case':'true'}]}", "{'s':true}", false);
        yield return ("prefix only on strings", "{'n':[{'prefix':'1'}]}", "{'n':123}", false);
        yield return ("empty prefix matches any string", "{'s':[{'prefix':''}]}", "{'s':'anything'}", true);
        yield return ("wildcard escaped star is literal", "{'s':[{'wildcard':'a\\\\*b'}]}", "{'s':'a*b'}", true);
        yield return ("wildcard escaped star is not a wildcard", "{'s':[{'wildcard':'a\\\\*b'}]}", "{'s':'axxb'}", false);
        yield return ("wildcard escaped backslash", "{'s':[{'wildcard':'a\\\\\\\\*'}]}", "{'s':'a\\\\tail'}", true);
        yield return ("wildcard star matches nothing", "{'s':[{'wildcard':'ab*'}]}", "{'s':'ab'}", true);
        yield return ("wildcard needs the whole value", "{'s':[{'wildcard':'*bc'}]}", "{'s':'abcd'}", false);
        yield return ("wildcard backtracks", "{'s':[{'wildcard':'*a*b'}]}", "{'s':'xaxbxab'}", true);
        yield return ("cidr on a non-address string", "{'ip':[{'cidr':'10.0.0.0/8'}]}", "{'ip':'hello'}", false);
        yield return ("cidr on an array of addresses", "{'ip':[{'cidr':'192.168.0.0/16'}]}", "{'ip':['10.1.1.1','192.168.4.20']}", true);
        yield return ("cidr lower edge", "{'ip':[{'cidr':'10.0.0.0/30'}]}", "{'ip':'10.0.0.0'}", true);
        yield return ("cidr upper edge", "{'ip':[{'cidr':'10.0.0.0/30'}]}", "{'ip':'10.0.0.3'}", true);
        yield return ("cidr just outside", "{'ip':[{'cidr':'10.0.0.0/30'}]}", "{'ip':'10.0.0.4'}", false);
        yield return ("an address matches other spellings of itself", "{'ip':['2001:db8::1']}", "{'ip':'2001:0db8:0:0:0:0:0:1'}", true);
        yield return ("$or alternatives see the same array element", "{'d':{'$or':[{'a':[1],'b':[2]},{'c':[3]}]}}", "{'d':[{'a':1},{'b':2}]}", false);
        yield return ("$or alternatives inside one element", "{'d':{'$or':[{'a':[1],'b':[2]},{'c':[3]}]}}", "{'d':[{'a':1},{'a':1,'b':2}]}", true);
        yield return ("two $or groups must both hold", "{'$or':[{'a':[1]},{'b':[1]}],'x':{'$or':[{'c':[1]},{'d':[1]}]}}", "{'a':1,'x':{'e':1}}", false);
        yield return ("a field name with a dot is one name", "{'c.count':[5]}", "{'c':{'count':5}}", false);
        yield return ("a later duplicate key replaces an earlier one", "{'s':['a'],'s':['b']}", "{'s':'b'}", true);
    }
}
