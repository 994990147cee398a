// Strict XML parsing for tests: any well-formedness problem throws.
import { DOMParser, type Document } from '@xmldom/xmldom';

export function parseXml(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}
