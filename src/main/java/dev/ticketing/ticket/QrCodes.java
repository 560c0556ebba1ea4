package dev.ticketing.ticket;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Draws a code as a QR symbol in SVG, on the server with ZXing: the page inserts the
 * picture and runs no drawing code, and the SVG holds no script and no style attribute,
 * so a strict Content-Security-Policy allows it.
 */
final class QrCodes {

	/** White modules around the symbol, as the QR specification asks. */
	private static final int QUIET_ZONE = 4;

	private QrCodes() {
	}

	/**
	 * The text as an SVG QR code, one unit per module: each row's runs of dark modules as
	 * one path.
	 */
	static String svg(String text) {
		BitMatrix modules;
		try {
			// M: a phone screen with a smudge or a glare still scans.
			modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
		}
		catch (WriterException ex) {
			throw new IllegalStateException("A ticket code does not fit a QR code", ex);
		}
		int width = modules.getWidth();
		int height = modules.getHeight();
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < height; y++) {
			int x = 0;
			while (x < width) {
				if (!modules.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < width && modules.get(x, y)) {
					x++;
				}
				path.append('M')
					.append(start)
					.append(' ')
					.append(y)
					.append('h')
					.append(x - start)
					.append("v1h-")
					.append(x - start)
					.append('z');
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
				+ "\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"" + width + "\" height=\"" + height
				+ "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
	}

}
