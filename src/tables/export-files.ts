/**
 * Which files of a folder are exports: the endings the text exports of the
 * budget systems and of Excel's "save as text" take. A file named one by one
 * is read whatever its ending; a folder given as input (the command line, the
 * offline page) reads only these, compared without regard to case.
 */
export const EXPORT_EXTENSIONS: readonly string[] = ['.txt', '.csv', '.tsv'];
