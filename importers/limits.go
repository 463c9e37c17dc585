package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// verifyPartSize is the size, unpacked, up to which every part of a workbook is
// unpacked once through a checked reader (partReader) before excelize reads it:
// excelize's own reading stops quietly at the size the zip directory declares,
// so a part whose directory entry understates its size would otherwise be read
// cut short without a word. Larger parts are worksheets, which the row readers
// read through a partReader themselves. It is excelize's threshold for keeping
// a worksheet in memory.
const verifyPartSize = excelize.StreamChunkSize

// unpackBudget is the number of bytes that the parts of one workbook may still
// unpack to, shared by the readers of its parts. A nil budget, or one made with
// a negative limit, has no limit.
type unpackBudget struct {
	left  int64 // bytes still allowed; < 0 once spent
	limit int64 // the limit it started from (< 0: none), for messages
}

// newUnpackBudget returns a budget of limit bytes (limit < 0: no limit).
func newUnpackBudget(limit int64) *unpackBudget {
	return &unpackBudget{left: limit, limit: limit}
}

// limited reports whether the budget limits anything.
func (b *unpackBudget) limited() bool { return b != nil && b.limit >= 0 }

// partReader reads one part of a zip container and refuses to unpack more than
// the part's zip directory entry declares, or more than the workbook's budget.
// Either way its Read returns a too-large gapanalysis.Diagnostic as the error
// (without file and sheet, which the caller adds), so that a zip bomb is stopped
// however its directory lies, before its bytes reach memory.
type partReader struct {
	rc       io.ReadCloser
	name     string
	declared uint64 // the size the zip directory declares
	budget   *unpackBudget
	err      error
}

// openPart opens a part of a zip container for reading through a partReader.
// budget may be nil (no limit beyond the declared size).
func openPart(f *zip.File, budget *unpackBudget) (*partReader, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &partReader{rc: rc, name: f.Name, declared: f.UncompressedSize64, budget: budget}, nil
}

func (p *partReader) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	limited := p.budget.limited()
	if limited && p.budget.left >= 0 && int64(len(b)) > p.budget.left+1 {
		// Ask for one byte more than allowed, to tell "exactly at the limit"
		// from "over it".
		b = b[:p.budget.left+1]
	}
	n, err := p.rc.Read(b)
	if limited {
		if p.budget.left < 0 || int64(n) > p.budget.left {
			p.budget.left = -1 // spent: every later read of the workbook fails too
			p.err = gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
				"the workbook unpacks to more than %s, the most that is read (found while unpacking %s); the rest was not read",
				sizeText(p.budget.limit), p.name))
			return 0, p.err
		}
		p.budget.left -= int64(n)
	}
	if errors.Is(err, zip.ErrFormat) {
		// archive/zip stops a part at the size its directory entry declares.
		p.err = gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
			"the part %s unpacks to more than the %s its zip directory declares: the file is damaged or built "+
				"to exhaust memory (a zip bomb), so it was not read", p.name, sizeText(int64(min(p.declared, math.MaxInt64)))))
		return 0, p.err
	}
	return n, err
}

// Close closes the part.
func (p *partReader) Close() error { return p.rc.Close() }

// verifyParts unpacks every part of zr up to verifyPartSize through a
// partReader into nothing, and reports the first one that unpacks to more than
// its directory entry declares (too-large), or is damaged (not-xlsx). It
// reports whether all of them are sound.
func (rd *reader) verifyParts(ds *gapanalysis.Dataset, zr *zip.Reader, name string) bool {
	budget := newUnpackBudget(rd.maxSize)
	buf := make([]byte, 32<<10)
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(verifyPartSize) || f.FileInfo().IsDir() {
			continue
		}
		pr, err := openPart(f, budget)
		if err == nil {
			_, err = io.CopyBuffer(io.Discard, pr, buf)
			_ = pr.Close()
		}
		if err == nil {
			continue
		}
		var d gapanalysis.Diagnostic
		if errors.As(err, &d) {
			d.File = name
			ds.Diagnostics = append(ds.Diagnostics, d)
			return false
		}
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX, fmt.Sprintf(
			"the workbook is damaged: its part %s cannot be unpacked (%v); %s", f.Name, err, saveAsXLSXTip))
		return false
	}
	return true
}

// decrypt handles an OLE2 compound file. An encrypted workbook (one with the
// EncryptionInfo and EncryptedPackage streams) is decrypted with the reader's
// password and its xlsx package returned; anything else — no password, a wrong
// one, an encryption excelize cannot undo, a legacy .xls file — gets its
// diagnostic, and decrypt returns nil.
func (rd *reader) decrypt(ds *gapanalysis.Dataset, ra io.ReaderAt, size int64, name string) []byte {
	streams, _ := oleStreams(io.NewSectionReader(ra, 0, size))
	if !streams["encryptioninfo"] || !streams["encryptedpackage"] || rd.password == "" {
		rd.oleDiag(ds, ra, size, name)
		return nil
	}
	encrypted := func(msg string) []byte {
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeEncrypted, msg)
		return nil
	}
	if rd.maxSize >= 0 && size > rd.maxSize {
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
			"the encrypted workbook is larger than %s, the most that is read", sizeText(rd.maxSize)))
		return nil
	}
	raw := make([]byte, size)
	if _, err := ra.ReadAt(raw, 0); err != nil && !errors.Is(err, io.EOF) {
		return encrypted(fmt.Sprintf("the password-protected workbook could not be read (%v)", err))
	}
	plain, err := decryptPackage(raw, rd.password)
	switch {
	case errors.Is(err, excelize.ErrUnsupportedEncryptMechanism) || errors.Is(err, excelize.ErrUnknownEncryptMechanism):
		return encrypted("the workbook is protected with a password by an encryption method that cannot be read; " +
			"open it in Excel or LibreOffice Calc, remove the password and save it again as .xlsx")
	case err != nil:
		return encrypted(fmt.Sprintf("the password-protected workbook could not be decrypted (%v); "+
			"open it in Excel or LibreOffice Calc, remove the password and save it again as .xlsx", err))
	case !bytes.HasPrefix(plain, zipSignature):
		return encrypted("the password given does not open the workbook (it is protected with another one); " +
			"check the password, or open it in Excel or LibreOffice Calc, remove the password and save it again as .xlsx")
	}
	return plain
}

// decryptPackage decrypts an encrypted workbook with excelize; a malformed
// container that makes it panic is an error.
func decryptPackage(raw []byte, password string) (plain []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("damaged encryption data: %v", p)
		}
	}()
	return excelize.Decrypt(raw, &excelize.Options{Password: password})
}

// openBytes opens a workbook held in memory with excelize.
func openBytes(b []byte) func(excelize.Options) (*excelize.File, error) {
	return func(o excelize.Options) (*excelize.File, error) {
		return excelize.OpenReader(bytes.NewReader(b), o)
	}
}

// convertTip returns ", or convert it with: soffice --headless --convert-to
// xlsx NAME" for a spreadsheet file that LibreOffice converts (.xls, .xlsb,
// .ods, .fods, .ots; NAME quoted for a shell when it needs to be), and ""
// otherwise: for another name the converted file could replace the original.
func convertTip(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xls", ".xlsb", ".ods", ".fods", ".ots":
	default:
		return ""
	}
	arg := name
	if strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-+,", r))
	}) >= 0 {
		arg = "'" + strings.ReplaceAll(name, "'", `'\''`) + "'"
	}
	return ", or convert it with: soffice --headless --convert-to xlsx " + arg
}
