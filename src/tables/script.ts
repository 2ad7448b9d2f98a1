/**
 * How a fixed word is looked up when printed in traditional characters
 * (`年度資金總額`, `總分`), or with the pinyin a web converter writes after
 * each converted character (`產(chǎn)出指標(biāo)` → `产出指标`). One table, folded
 * character by character into the text the lexer reads and the keys the
 * tables are looked up by; a cell's text is kept as written everywhere else.
 */

/**
 * Traditional characters of every fixed word of the form (titles, captions,
 * funds row labels, 一级/二级 labels, 总分, page and unit words) → simplified.
 * Only characters a simplified text does not also use are listed, so that
 * folding a simplified text changes nothing.
 */
export const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  產: '产', 標: '标', 數: '数', 質: '质', 時: '时', 進: '进', 滿: '满', 對: '对', 務: '务', 會: '会',
  經: '经', 濟: '济', 態: '态', 續: '续', 響: '响', 項: '项', 決: '决', 過: '过', 資: '资', 費: '费',
  環: '环', 級: '级', 實: '实', 際: '际', 績: '绩', 評: '评', 價: '价', 發: '发', 運: '运', 營: '营',
  維: '维', 護: '护', 設: '设', 備: '备', 購: '购', 傳: '传', 統: '统', 眾: '众', 參: '参', 與: '与',
  劃: '划', 監: '监', 測: '测', 層: '层', 總: '总', 額: '额', 財: '财', 撥: '拨', 結: '结', 轉: '转',
  當: '当', 預: '预', 執: '执', 單: '单', 門: '门', 稱: '称', 調: '调', 後: '后', 權: '权', 餘: '余',
  補: '补', 縣: '县', 區: '区', 體: '体', 況: '况', 計: '计', 頁: '页', 萬: '万', 個: '个', 億: '亿',
  適: '适', 組: '组', 織: '织', 業: '业', 講: '讲', 報: '报', 據: '据', 狀: '状', 準: '准', 應: '应',
  蓋: '盖', 現: '现', 歸: '归', 屬: '属', 線: '线', 養: '养', 衛: '卫', 醫: '医', 農: '农', 鄉: '乡',
};

/** Simplified code unit of each traditional one, 0 where none: one array read per character. */
const SIMPLIFIED_CODE: Uint16Array = (() => {
  const codes = new Uint16Array(0x10000);
  for (const [traditional, simplified] of Object.entries(TRADITIONAL_TO_SIMPLIFIED)) {
    if (traditional !== simplified) codes[traditional.charCodeAt(0)] = simplified.charCodeAt(0);
  }
  return codes;
})();

/** The simplified code unit a traditional one folds to, or -1. */
export function simplifiedCode(c: number): number {
  const folded = SIMPLIFIED_CODE[c];
  return folded === 0 ? -1 : folded;
}

/** Each simplified character of the table → its traditional form. */
const TRADITIONAL_OF: ReadonlyMap<string, string> = new Map(Object.entries(TRADITIONAL_TO_SIMPLIFIED).map(([traditional, simplified]) => [simplified, traditional]));

/** A fixed word as traditional script prints it (`项目名称` → `項目名稱`): for patterns run on text not folded. */
export function traditionalSpelling(word: string): string {
  return [...word].map((ch) => TRADITIONAL_OF.get(ch) ?? ch).join('');
}

/** Traditional characters folded to simplified, one code unit for one (offsets hold): the text the tables spell. */
export function foldScript(text: string): string {
  let out: string | null = null;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const folded = SIMPLIFIED_CODE[text.charCodeAt(i)];
    if (folded === 0) continue;
    out = (out ?? '') + text.slice(from, i) + String.fromCharCode(folded);
    from = i + 1;
  }
  return out === null ? text : out + text.slice(from);
}

/** A romanisation in brackets right after a character: `(chǎn)`, `(biāo)`. */
const PINYIN_NOTE = /[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+[)）]/g;

/** The text as the spelling tables write it: pinyin notes dropped, traditional characters simplified. */
export function simplifiedKey(text: string): string {
  const bare = text.indexOf('(') < 0 && text.indexOf('（') < 0 ? text : text.replace(PINYIN_NOTE, '');
  return foldScript(bare);
}
