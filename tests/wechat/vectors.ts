/** Official test vectors from shared/reference/wechat-official-account.md. */
export const VECTOR_A = {
  token: 'pamtest',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  timestamp: '1409304348',
  nonce: 'xxxxxx',
  random16: 'aaaabbbbccccdddd',
  urlSignature: '76480565cbe296026c53aaacd1ad523a1ddba24f',
  plaintext: '我是中文abcd123',
  encrypted: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
  msgSignature: '82c962d39941aa48552f90ef55aa323dc620cc10',
}

export const VECTOR_E = {
  token: 'AAAAA',
  encodingAESKey: 'A'.repeat(43),
  appId: 'wx134c8103faa5a59e',
  plain: { timestamp: '1714037059', nonce: '486452656', signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78' },
  safe: {
    timestamp: '1715943329',
    nonce: '1590219412',
    msgSignature: '6c12a4205838198b8fa631b3220723bb07f1015c',
    encrypted:
      'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==',
    random16: '1205899eaf019bbd',
    length: 292,
    padding: 22,
    xml: '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>',
  },
}

export const VECTOR_G = {
  token: 'RMNlACHlV5ThzfRlVS4D4',
  signature: '8edac0945683c119ee71c9f6256d76c48aa08a96',
}
