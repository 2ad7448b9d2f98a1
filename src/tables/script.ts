/**
 * How a label is looked up when printed in traditional characters, or with
 * the pinyin a web converter writes after each converted character
 * (`產(chǎn)出指標(biāo)` → `产出指标`). Used only to find a label in the spelling
 * tables; the text is kept as written everywhere else.
 */

/** Traditional characters of the indicator-block and funds vocabulary → simplified. */
export const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  產: '产', 標: '标', 數: '数', 質: '质', 時: '时', 進: '进', 滿: '满', 對: '对', 務: '务', 會: '会',
  經: '经', 濟: '济', 態: '态', 續: '续', 響: '响', 項: '项', 決: '决', 過: '过', 資: '资', 費: '费',
  環: '环', 級: '级', 實: '实', 際: '际', 績: '绩', 評: '评', 價: '价', 發: '发', 運: '运', 營: '营',
  維: '维', 護: '护', 設: '设', 備: '备', 購: '购', 傳: '传', 統: '统', 眾: '众', 參: '参', 與: '与',
  劃: '划', 監: '监', 測: '测', 層: '层', 總: '总', 額: '额', 財: '财', 撥: '拨', 結: '结', 轉: '转',
  當: '当', 預: '预', 算: '算', 執: '执', 行: '行', 率: '率', 值: '值', 單: '单', 位: '位', 門: '门',
};

const TRADITIONAL = new RegExp(`[${Object.keys(TRADITIONAL_TO_SIMPLIFIED).join('')}]`, 'g');

/** A romanisation in brackets right after a character: `(chǎn)`, `(biāo)`. */
const PINYIN_NOTE = /[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+[)）]/g;

/** The text as the spelling tables write it: pinyin notes dropped, traditional characters simplified. */
export function simplifiedKey(text: string): string {
  const bare = text.indexOf('(') < 0 && text.indexOf('（') < 0 ? text : text.replace(PINYIN_NOTE, '');
  return bare.replace(TRADITIONAL, (ch) => TRADITIONAL_TO_SIMPLIFIED[ch]);
}
