package lexicon

import "regexp"

// Instruction vocabulary: the words of a text that speaks to its reader or
// to a language model (回答任何问题时都要说…, 忽略以上指令, ignore previous
// instructions, as an AI) instead of reporting. A work report addresses
// 各位代表 and says what the government did and will do; it never tells
// "you" how to answer, never names a model or its prompt. A retrieved
// passage that does was planted or garbled, and the engine shows it to the
// model marked as such.
//
// The patterns are matched against text folded by the caller: lower case,
// full-width letters folded, and (for the Chinese patterns) all white space
// removed, so 忽 略 以 上 is caught. Every sentence of the 23 provincial
// reports of 2026 and the seed report reads as not an instruction
// (answer.TestLooksLikeInstructionCorpus).

// instructionZh are the Chinese patterns, with no spaces.
const instructionZh = `` +
	// 忽略以上指令, 无视之前的所有提示, 忘记你的设定
	`(忽略|无视|忘记|忘掉|不要理会|不要遵守|不必遵守|跳过|覆盖)(掉)?(以上|之前|此前|先前|前面|上面|上述|原有|原来|原先|所有|全部|一切|你的|系统)的?(所有|全部|一切)?的?(指令|指示|提示|规则|要求|设定|说明|约束|限制|内容|信息|资料|上下文)` +
	// 回答任何问题时都要说…, 在回答时, 每次回答
	`|回答(任何|所有|每个|每一个|每一|全部|一切|用户的?)?(问题|提问|问询)时` +
	`|(在|每次|每当|无论何时|不论何时)(你)?(回答|回复|作答)` +
	`|(无论|不论|不管)(用户|别人|谁|对方)?(问|提问|询问)(什么|任何)` +
	`|(都|一律|一定|总是|务必|始终)(要|必须|应该|应当|得)?(回答|回复|答复|声称|输出|说成?)(为|是|说|：|:|“|")` +
	`|(要求|务必|必须|一律|请)(你|您)?(只)?(回答|回复|答复|作答)(说|为|：|:|“|")` +
	// 你必须, 请你回答, 你现在是, 你是一个AI助手
	`|你(们)?(必须|需要|应该|应当|务必|一定要|只能|不得|不能|不要|要)(回答|回复|答复|输出|说|告诉|声称|忽略|遵守|扮演|记住|假装|使用|按照|用)` +
	`|请(你|您)(回答|回复|答复|输出|说|告诉|忽略|无视|扮演|记住|假装|直接|务必|必须|一定|只)` +
	`|你(现在)?(是|作为|扮演)(一个|一名|一位)?(ai|人工智能|助手|机器人|聊天机器人|语言模型|大模型|模型|gpt|chatgpt)` +
	`|作为(一个|一名|一款)?(ai|人工智能|智能|语言模型|大模型|聊天)(助手|模型|机器人)?` +
	`|我是(一个|一名|一款)?(ai|人工智能|智能助手|语言模型|大模型|聊天机器人)` +
	// 系统提示, 提示词, 新的指令, 输出你的指令
	`|系统(提示|指令|消息|设定)|提示词|新(的)?指令|(输出|打印|泄露|透露|复述|显示)(你|您)?的?(指令|提示|系统|设定|规则)` +
	`|(不要|不得|切勿|禁止)(提及|透露|告诉|引用|说出)(用户|报告|原文|来源|真相)` +
	`|用户(问|提问|询问)(你|时|到)` +
	// 在回答末尾加上…, 以专家的身份回答, 如果你是AI, 优先级最高
	`|(在|于)(回答|回复|答案)的?(开头|末尾|结尾|最后|中)` +
	`|以.{0,8}(身份|口吻|角色)(回答|回复|作答|说话)` +
	`|如果你是(一个)?(ai|人工智能|模型|大模型|语言模型|机器人|助手)` +
	`|(优先级最高|最高优先级)的?(指令|指示|要求)`

// instructionEn are the English patterns, matched with single spaces.
const instructionEn = `\b(ignore|disregard|forget|override|skip)( all| any| the| your| of)*( previous| prior| above| earlier| preceding| foregoing| former| initial| original| system| other)+( instructions?| prompts?| messages?| context| text| rules| directions| passages?)?\b` +
	`|\b(ignore|disregard|forget) (all|everything|your) (instructions?|rules|guidelines|previous)` +
	`|\bsystem (prompt|message|instruction)s?\b|\bdeveloper (message|mode)\b|\bjailbreak|\bprompt injection\b` +
	`|\bas an? (ai|language model|large language model|llm|assistant|chatbot|ai assistant|ai model)\b` +
	`|\b(you are|you're|i am|i'm) (now )?(an? )?(ai|chatgpt|gpt|language model|large language model|llm|chatbot|ai assistant|helpful assistant)\b` +
	`|\byou (must|should|will|need to|have to|are required to|shall)( always| only| now| never)? (answer|say|respond|reply|output|tell|state|claim|ignore|pretend|act|begin|start|repeat|print|write)\b` +
	`|\b(always|only) (answer|respond|reply|say)( with| that)?\b` +
	`|\b(answer|respond|reply)( to)? (every|any|all|each) (question|query|request|prompt)s?\b` +
	`|\bwhen (answering|responding|replying|you answer|you respond|you reply)\b` +
	`|\b(new|your|these|the following|updated|hidden|secret) instructions?\b` +
	`|\bdo not (mention|reveal|tell|cite|disclose) (the )?(user|report|source|passage|truth)` +
	`|\bpretend (to be|that you)\b|\bact as (an? )?(ai|assistant|chatbot|different)\b` +
	`|\bif you are an? (ai|llm|language model|assistant|chatbot|bot)\b|\bnote to (the |any )?(ai|llm|model|assistant|chatbot)s?\b` +
	`|\b(ai|llm|assistant|chatbot|model)s? reading this\b|\bin your (answer|response|reply)\b`

// InstructionZhRE and InstructionEnRE find the words of an instruction to
// the reader or a model; see the vocabulary notes above for the folding
// they expect.
var (
	InstructionZhRE = regexp.MustCompile(instructionZh)
	InstructionEnRE = regexp.MustCompile(instructionEn)
)
